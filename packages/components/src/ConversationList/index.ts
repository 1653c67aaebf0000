export { ConversationList, type ConversationListProps, type ConversationListView, type ConversationListViews } from './ConversationList.js'
